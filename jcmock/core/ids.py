"""Generated identifiers, from one seedable random source so runs can be reproduced."""
import random
import threading
import time
import uuid


class IdFactory:
    """Makes JumpCloud-style ObjectIds (timestamp + random) and RFC 4122 v4 UUIDs."""

    def __init__(self, seed=None):
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._fixed_time = 0x66000000 if seed is not None else None

    @property
    def random(self) -> random.Random:
        """The seeded source itself, for a service's own id formats (hold ``lock`` while drawing)."""
        return self._random

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    def object_id(self) -> str:
        with self._lock:
            stamp = self._fixed_time if self._fixed_time is not None else int(time.time())
            return f"{stamp:08x}{self._random.getrandbits(64):016x}"

    def uuid(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

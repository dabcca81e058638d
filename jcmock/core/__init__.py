"""The neutral core: app factory, routing to services, auth and tenants, errors, store, journal, faults, admin API."""

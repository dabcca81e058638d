"""Record and replay: VCR.py-format cassettes, redaction, matching and near-miss reports."""

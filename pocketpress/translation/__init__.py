"""Translators' workflow: per-segment tracking (tracking), and export/import for CAT tools (exchange)."""

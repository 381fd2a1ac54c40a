"""Python-Markdown extensions used by the handbook site (one module each)."""

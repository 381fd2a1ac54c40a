"""Tooling for the customer-service handbook (客服知识库).

Everything here is plain Python that runs without MkDocs: the content checks
(`handbook check`), the Markdown extensions the site uses, and the helpers the
MkDocs hook module (hooks/handbook_build.py) wires to build events.
"""

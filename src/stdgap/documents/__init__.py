"""The document model shared by reports, CxO documents and fund statements: a report of sections,
tables and charts (``document``), written as DOCX (``word``), HTML (``html``) or PDF (``pdf``)."""

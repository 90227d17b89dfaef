"""Reports to TSAG: annual and regional participation reports (DOCX, PDF, HTML) with charts."""

"""The store: the system of record (SQLite embedded, PostgreSQL server)."""

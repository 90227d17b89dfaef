"""Reading users' tables (CSV, XLSX): rows of cells, typed columns, row errors that name the
file, line, column and value. Neutral: used by the import, the reference data and the programmes.
"""

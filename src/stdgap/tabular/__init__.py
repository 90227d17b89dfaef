"""Reading users' tables (CSV, XLSX): rows of cells, typed columns, row errors that name the
file, line, column and value; and integer columns of a frame packed into one (:mod:`.packing`).
Neutral: used by the import, the reference data, the programmes and the indicator engine.
"""

"""Surveys (C13; Res. 74 instructs 1, Res. 44, Res. 68 resolves 2): questionnaires sent to a
target population, answered in the browser, with results through the disclosure control."""

"""Events (C11; Res. 74, 44): workshops, training, awareness campaigns, webinars and e-learning
courses as meetings of their kind, with registrations, attendance, materials and planning."""

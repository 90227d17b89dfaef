"""Awards for next-generation experts (Res. 107 instructs 3): criteria, jurors, conflicts."""

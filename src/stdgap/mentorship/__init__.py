"""Mentorship of next-generation experts (Res. 107 invites 2; Res. 44 recognizing l)."""

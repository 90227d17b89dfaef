"""Fellowships for meetings (Res. 44 programme 3): calls, applications, rules, allocation."""

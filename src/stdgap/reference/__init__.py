"""Countries and their dated classifications: shipped facts, name aliases, user overrides."""

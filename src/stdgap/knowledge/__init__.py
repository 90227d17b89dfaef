"""The knowledge portal (C12): a catalogue of Recommendations, papers, guidelines and training
material, searched with stemming, typo tolerance and facets; reading lists; what is new."""

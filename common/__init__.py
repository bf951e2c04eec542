"""Layers, networks and helpers for chapter 5 of 『ゼロから作るDeep Learning』."""

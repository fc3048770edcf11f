"""Real-browser tests: Playwright drives Debian's Chromium through the built course."""

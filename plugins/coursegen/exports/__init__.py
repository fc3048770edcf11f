"""Question exports: the knowledge checks as QTI 2.1 (a content package) and as Moodle's GIFT text.

``common`` finds what to export and words every question left out or changed;
``qti`` and ``gift`` write one format each. ``course export`` (cli.py) calls them
on a course loaded through the same checks as the build.
"""

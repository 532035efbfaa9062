"""Live preview: the booklet's pages as images in a browser, laid out again as files are saved.

`engine` lays the edition out chapter by chapter (each chapter starts on a right-hand page, so
each can be laid out alone) and keeps the laid-out parts in memory; `server` serves the pages,
watches the inputs and tells the browser when new pages are ready.
"""

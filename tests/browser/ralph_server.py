"""``ralph runserver``, with one fix: Ralph 5.1's file-system LRS adds to its statements file.

Its ``FSLRSBackend`` writes with ``CREATE`` by default, which refuses a file that exists: the
first POST of statements is stored and every later one fails with 500 ("already exists and
overwrite is not allowed"). Appending is what an LRS on files has to do. Set at the module's
top level because ``runserver`` starts uvicorn with reload, whose worker process is spawned
and runs this module again (as ``__mp_main__``) before it imports Ralph's app.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    from ralph.cli import cli

    cli()

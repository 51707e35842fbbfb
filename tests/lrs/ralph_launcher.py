"""Runs a Ralph LRS (ralph-malph 5.1.0, file-system backend) on one local port, for zhulao's
sync test. Everything it keeps goes under DIR; it answers at http://HOST:PORT/xAPI/ with Basic
auth USER:PASS. Stop it by ending this process (one process: no reloader, no workers).

Usage: python ralph_launcher.py DIR HOST PORT USER PASS

Why not `ralph runserver`: it always starts uvicorn with auto-reload (a watcher plus a child
process, so the test could not stop it by one process id), and it needs `ralph auth` to write
the credentials file first. Here the credentials are written directly (a bcrypt hash, as
`ralph auth` writes them) and uvicorn is run in this process.

One fix to Ralph 5.1.0 is made at run time: its fs LRS backend writes with the data backend's
default operation type, CREATE, which refuses to write to an existing file, so the first POST
creates fs_lrs.jsonl and every later POST fails with HTTP 500 ("Statements bulk indexation
failed"). APPEND, which the same backend implements, is what an LRS needs. Nothing else is
changed: the xAPI behaviour tested (200 and 204 on POST, 409 on a conflicting id, GET with
`more` links) is Ralph's own.
"""

import json
import os
import sys

directory, host, port, user, password = sys.argv[1:6]
directory = os.path.abspath(directory)
os.makedirs(os.path.join(directory, "data"), exist_ok=True)
os.makedirs(os.path.join(directory, "app"), exist_ok=True)
auth_file = os.path.join(directory, "auth.json")

# Ralph reads its settings from the environment when it is first imported.
os.environ.update(
    {
        "RALPH_APP_DIR": os.path.join(directory, "app"),
        "RALPH_AUTH_FILE": auth_file,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": os.path.join(directory, "data"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE": "fs_lrs.jsonl",
    }
)
os.chdir(directory)  # no stray ./.env is read

import bcrypt  # noqa: E402  (after the environment is set)

with open(auth_file, "w", encoding="utf-8") as f:
    json.dump(
        [
            {
                "username": user,
                "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(),
                "scopes": ["all"],
                "agent": {
                    "objectType": "Agent",
                    "account": {"name": user, "homePage": "http://127.0.0.1/ralph-users"},
                },
            }
        ],
        f,
    )

import uvicorn  # noqa: E402
from ralph.backends.data.base import BaseOperationType  # noqa: E402
from ralph.backends.lrs.fs import FSLRSBackend  # noqa: E402

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host=host, port=int(port), log_level="warning", reload=False)

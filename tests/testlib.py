"""testlib.py: what the Python tests share: the repository as working
directory, the program under test, the scratch directory, and the report
lines "ok NAME" / "FAIL NAME: why" that tests/run.sh counts."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
VORLAGE = os.environ.get('VORLAGE', 'build/asan/vorlage')
TMP = os.environ.get('TMPDIR_TESTS', 'tests/scratch')
SRC = 'xml/vorlage-18-1828.xml'
os.makedirs(TMP, exist_ok=True)

_failures = 0


def check(name, cond, why=''):
    global _failures
    if cond:
        print('ok', name)
    else:
        _failures += 1
        print('FAIL', name + (': ' + why if why else ''))


def count_failures(n):
    """Failures reported by a helper program's own FAIL lines."""
    global _failures
    _failures += n


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(list(args), capture_output=True, text=True, env=e)


def done():
    sys.exit(1 if _failures else 0)

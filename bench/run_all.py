"""Run every benchmark in bench/ (each prints its figure and the ratio to its limit)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

failed = 0
for script in sorted(HERE.glob("*.py")):
    if script.name in {"run_all.py", "common.py"} or script.name.startswith("_"):
        continue  # helpers, and anyone's scratch scripts (_name.py)
    print(f"--- {script.name}", flush=True)
    failed += subprocess.call([sys.executable, str(script)], cwd=HERE.parent) != 0
sys.exit(1 if failed else 0)

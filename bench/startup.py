"""Start-up: CPU seconds (user + system) of whole processes, the best of N runs, against a bare
``python -c "import yaml, click"`` (what any Python command line of this kind pays).

Run: python bench/startup.py [--quick]. The cache of compiled standards is warmed first (the
first run after an install or an edit of a rule file pays parse + check once: shown as "cold").
parkscore's modules are byte-compiled first, as ``pip install`` leaves them: where
PYTHONDONTWRITEBYTECODE is set (as on some CI machines) a source checkout would otherwise compile
every module from source in every run, a cost no installed copy pays.
"""
from __future__ import annotations

import compileall
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARK = str(ROOT / "examples" / "parks" / "synthetic-complete.yaml")
PARKSCORE = [sys.executable, "-c", "import sys; from parkscore.cli import main; sys.argv[0] = 'parkscore'; main()"]


def cpu(argv: list[str], env: dict[str, str], runs: int) -> float:
    """Best CPU seconds of ``runs`` runs of a process (children's rusage, so imports count)."""
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best


def main(quick: bool) -> None:
    runs = 3 if quick else 9
    import parkscore

    compileall.compile_dir(str(Path(parkscore.__file__).parent), quiet=2)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PARKSCORE_CACHE_DIR": cache}
        bare = cpu([sys.executable, "-c", "import yaml, click"], env, runs)
        print(f"\nstart-up, CPU of a whole process (best of {runs}; target ratios in brackets)")
        print(f"  python -c 'import yaml, click'   {bare * 1e3:7.0f} ms")
        cold = cpu(PARKSCORE + ["score", PARK], {**env, "PARKSCORE_CACHE_DIR": "off"}, runs)
        rows = [("parkscore --help", PARKSCORE + ["--help"], "1.5x"),
                ("parkscore score PARK", PARKSCORE + ["score", PARK], "2x"),
                ("parkscore score PARK --format json", PARKSCORE + ["score", PARK, "--format", "json"], "2x")]
        for label, argv, target in rows:
            t = cpu(argv, env, runs)
            print(f"  {label:<34}{t * 1e3:7.0f} ms   /bare {t / bare:5.2f}x  [<= {target}]")
        print(f"  {'score PARK, no cache (cold)':<34}{cold * 1e3:7.0f} ms   /bare {cold / bare:5.2f}x")


if __name__ == "__main__":
    main("--quick" in sys.argv)

"""A population of park files: 2,000 YAML files (the bundled examples with every figure scaled
at random, so no two files are alike) checked, scored and compared under two versions, against
a plain libyaml load of the same files; each run in its own process, which reports its CPU time
and peak memory (max RSS).

Run: python bench/files.py [--quick]   (quick: 400 files)
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FIGURE = re.compile(r"^(\s+\w+: )(\d+(?:\.\d+)?)( [^\s#]+)", re.MULTILINE)

RUN = """
import json, resource, sys, time
from pathlib import Path
files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.yaml"))
{setup}
t0 = time.process_time()
{body}
cpu = time.process_time() - t0
try:  # this process's own peak (ru_maxrss would start from the size of the process that spawned it)
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"cpu": cpu, "rss_mb": peak}}))
"""

BODIES = {  # label -> (set-up, not timed; the work over every file)
    "libyaml load (CSafeLoader)": ("import yaml", "for f in files:\n    yaml.load(open(f, encoding='utf-8'), Loader=yaml.CSafeLoader)"),
    "check against 2020": ("import parkscore\nstd = parkscore.load_standard('cpcif-green-park@2020')",
                           "for diags, _ in parkscore.api.check(files, std):\n    pass"),
    "score under 2020": ("import parkscore\nstd = parkscore.load_standard('cpcif-green-park@2020')",
                         "for s in parkscore.score_many(std, *files):\n    s.card.total"),
    "compare 2020 and 2021-draft": ("import parkscore\nstds = [parkscore.load_standard(r) for r in ('cpcif-green-park@2020', "
                                    "'cpcif-green-park@2021-draft')]", "for f in files:\n    parkscore.compare([f], stds)"),
}


def write_files(where: Path, n: int) -> None:
    rng = random.Random(7)
    examples = sorted((ROOT / "examples" / "parks").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    for i in range(n):
        text = _FIGURE.sub(lambda m: f"{m.group(1)}{round(float(m.group(2)) * rng.uniform(0.6, 1.4), 3)}{m.group(3)}", texts[i % len(texts)])
        (where / f"park-{i:05d}.yaml").write_text(text, encoding="utf-8")


def run(work: tuple[str, str], where: Path, env: dict[str, str], times: int = 3) -> dict[str, float]:
    """The best CPU time of ``times`` processes, and the largest peak memory."""
    runs = []
    for _ in range(times):
        out = subprocess.run([sys.executable, "-c", RUN.format(setup=work[0], body=work[1]), str(where)], env=env,
                             capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"cpu": min(r["cpu"] for r in runs), "rss_mb": max(r["rss_mb"] for r in runs)}


def main(quick: bool) -> None:
    n = 400 if quick else 2000
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "parks"
        where.mkdir()
        write_files(where, n)
        env = {**os.environ, "PARKSCORE_CACHE_DIR": str(Path(tmp) / "cache"), "PYTHONPATH": str(ROOT)}
        run(BODIES["check against 2020"], where, env, 1)  # warm the cache of loaded standards
        print(f"\n{n:,} park files (the bundled examples, figures scaled at random); CPU of the work in its own process "
              "(best of 3; targets in brackets)")
        base = run(BODIES["libyaml load (CSafeLoader)"], where, env)
        targets = {"check against 2020": "1.5x", "compare 2020 and 2021-draft": "2x"}
        for label, work in BODIES.items():
            r = base if label.startswith("libyaml") else run(work, where, env)
            ratio = f"   /libyaml {r['cpu'] / base['cpu']:5.2f}x" if r is not base else ""
            target = f"  [<= {targets[label]}, < 200 MB]" if label in targets else ""
            print(f"  {label:<30}{r['cpu']:7.2f} s  {r['cpu'] / n * 1e3:6.2f} ms/file  peak {r['rss_mb']:5.0f} MB{ratio}{target}")


if __name__ == "__main__":
    main("--quick" in sys.argv)

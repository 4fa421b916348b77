"""Print the headline numbers of the shared scorer for one gold file."""
import json
import subprocess
import sys

scorer, gold, pred = sys.argv[1:4]
out = subprocess.run([sys.executable, scorer, gold, pred, "--json"], capture_output=True, text=True, check=True)
r = json.loads(out.stdout)
line = []
if "quotes" in r:
    q = r["quotes"]
    line.append(f"quotes attribution F1 {q['attribution']['f1']:.3f} (p {q['attribution']['p']:.3f} r {q['attribution']['r']:.3f}), "
                f"content lenient F1 {q['content_lenient']['f1']:.3f}, speaker acc {q['speaker_accuracy_on_matched']}")
if "events" in r:
    e = r["events"]
    line.append(f"events full F1 {e['full']['f1']:.3f}, type-only F1 {e['type_only']['f1']:.3f}, macro F1 {e['type_macro_f1']:.3f}")
if "actors" in r:
    line.append(f"actors {json.dumps(r['actors'])}")
if "metadata" in r:
    line.append(f"metadata {json.dumps(r['metadata'])}")
print("\n".join("  " + x for x in line))

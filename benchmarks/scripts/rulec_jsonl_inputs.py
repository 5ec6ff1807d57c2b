"""Shell-guard inputs for `rulec eval --jsonl`, one JSON object per line (issue 18's throughput measurement).

python3 benchmarks/scripts/rulec_jsonl_inputs.py 100000 > shell-100k.jsonl
time rulec eval rules/shell-guard.rules.yaml --jsonl < shell-100k.jsonl > decisions.jsonl
"""
import json, random, sys
random.seed(18)
cmds = [("ls", ["-la"]), ("rm", ["-r", "-f", "/"]), ("rm", ["-r", "build"]), ("git", ["push", "--force", "origin", "main"]),
        ("git", ["status"]), ("curl", ["-fsSL", "https://x.sh"]), ("cat", [".env"]), ("dd", ["if=/dev/zero", "of=/dev/sda"]),
        ("chmod", ["-R", "777", "/"]), ("npm", ["install", "-g", "x"]), ("kubectl", ["delete", "pods", "--all", "-A"]),
        ("terraform", ["destroy"]), ("make", ["test"]), ("sudo", ["reboot"]), ("find", [".", "-delete"])]
n = int(sys.argv[1])
for i in range(n):
    c, a = random.choice(cmds)
    line = " ".join([c] + a)
    pipes = "sh" if c == "curl" and random.random() < 0.5 else ""
    sub = next((x for x in a if not x.startswith("-")), "")
    print(json.dumps({"command": c, "subcommand": sub, "args": a, "line": line, "pipes_to": pipes,
                      "actor": random.choice(["human", "ai"]), "elevated": random.random() < 0.1}, separators=(",", ":")))

#!/usr/bin/env bash
# The Kubernetes manifests that `./mvnw package` writes (README "Deploying") hold what a deployment
# relies on: probes on the management port, resources, the secrets, the rule folders. Fails naming
# every item that is missing. Usage: scripts/check-manifests.sh [--pg]  (--pg: a pg-profile build,
# which must also run with that profile)
set -euo pipefail
cd "$(dirname "$0")/.."
# The build writes the same resources as kubernetes.yml and kubernetes.json; the JSON is read
# here (Python's own json module, nothing to install).
for MANIFEST in target/kubernetes/kubernetes.yml target/kubernetes/kubernetes.json; do
    [ -f "$MANIFEST" ] || { echo "FAILED manifests: $MANIFEST is missing (run ./mvnw -DskipTests package first)" >&2; exit 1; }
done

python3 - "$MANIFEST" "${1:-}" <<'PY'
import json
import sys

manifest, pg = sys.argv[1], sys.argv[2] == "--pg"
docs = json.load(open(manifest, encoding="utf-8"))
docs = docs["items"] if isinstance(docs, dict) else docs
missing = []
def need(ok, what):
    if not ok:
        missing.append(what)

deployments = [d for d in docs if d.get("kind") == "Deployment"]
need(len(deployments) == 1, "one Deployment")
services = [d for d in docs if d.get("kind") == "Service"]
need(services, "a Service")
if deployments:
    pod = deployments[0]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    ports = {p.get("name"): p.get("containerPort") for p in container.get("ports", [])}
    need(ports.get("http") == 8080, "container port http 8080")
    need(ports.get("management") == 9000, "container port management 9000")

    def probe(kind, path):
        p = container.get(kind, {}).get("httpGet", {})
        need(p.get("path") == path, f"{kind} on {path}")
        need(p.get("port") in ("management", 9000), f"{kind} on the management port (9000), not {p.get('port')}")
    probe("livenessProbe", "/q/health/live")
    probe("readinessProbe", "/q/health/ready")
    probe("startupProbe", "/q/health/started")

    resources = container.get("resources", {})
    for kind in ("requests", "limits"):
        for what in ("cpu", "memory"):
            need(what in resources.get(kind, {}), f"resources.{kind}.{what}")

    env = {e["name"]: e for e in container.get("env", [])}
    def secret(name, secret_name, key):
        ref = env.get(name, {}).get("valueFrom", {}).get("secretKeyRef", {})
        need(ref.get("name") == secret_name and ref.get("key") == key, f"env {name} from secret {secret_name} key {key}")
    secret("QUARKUS_DATASOURCE_JDBC_URL", "cross-region-decisions-db", "jdbc-url")
    secret("QUARKUS_DATASOURCE_USERNAME", "cross-region-decisions-db", "username")
    secret("QUARKUS_DATASOURCE_PASSWORD", "cross-region-decisions-db", "password")
    secret("AUDIT_PERSON_ID_KEY", "cross-region-decisions-keys", "person-id-key")
    secret("AUDIT_SIGNING_KEY", "cross-region-decisions-keys", "signing-key")
    secret("SECURITY_INITIAL_USERS", "cross-region-decisions-keys", "initial-users")
    secret("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "cross-region-decisions-keys", "session-encryption-key")
    if pg:
        need(env.get("QUARKUS_PROFILE", {}).get("value") == "pg", "env QUARKUS_PROFILE=pg (a pg build)")

    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mounts = {m["name"]: m for m in container.get("volumeMounts", [])}
    for folder in ("rules-drl", "rules-dmn", "rules-tests"):
        path = "/deployments/" + folder
        need(volumes.get(folder, {}).get("configMap", {}).get("name") == "cross-region-decisions-" + folder,
             f"volume {folder} from config map cross-region-decisions-{folder}")
        need(mounts.get(folder, {}).get("mountPath") == path, f"volume {folder} mounted at {path}")
        setting = "RULES_" + folder.split("-")[1].upper() + "_DIR"
        need(env.get(setting, {}).get("value") == path, f"env {setting}={path}")

if missing:
    print("FAILED manifests: " + manifest + " lacks:", file=sys.stderr)
    for what in missing:
        print("  - " + what, file=sys.stderr)
    sys.exit(1)
print(f"manifests: {manifest} has the probes on the management port, resources, secrets and rule folders")
PY

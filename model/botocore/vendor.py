#!/usr/bin/env python3
"""Vendors the botocore 1.8.32 model files of every JSON-protocol service into
model/, byte for byte, and writes the provenance and the service list.

    python3 model/botocore/vendor.py [botocore-1.8.32-py2.py3-none-any.whl]

Without an argument the wheel is fetched with
`pip download botocore==1.8.32 --no-deps`.

Writes, for every service of the wheel whose newest API version has
metadata.protocol == "json" (botocore loads only the newest version):
  model/<service>/<api-version>/{service-2,paginators-1,waiters-2}.json (those present)
  model/<service>/PROVENANCE.md   (same format as codegen's provenance::render)
and
  model/botocore/endpoints.json, model/botocore/_retry.json, model/botocore/PROVENANCE.md
  model/services.json: every botocore service (all protocols) with the command
    names aws-cli 1.14.28 gives it. Those are read from aws-cli itself (the
    reference virtualenv, see /work/shared/tools/aws-cli-reference; AWSR_REF_VENV
    overrides): its command table after the `building-command-table.main`
    customisations (codedeploy -> deploy, config -> configservice, the
    opsworks-cm alias, ...), and `page_name` where the pages of a command
    name another (its `lineage_names`: opsworks-cm's pages say opsworkscm).
Existing files are replaced through a temporary file and a rename.
"""
import hashlib, json, os, subprocess, sys, tempfile, zipfile

VERSION = "1.8.32"
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MODEL = os.path.join(ROOT, "model")
VENV = os.environ.get("AWSR_REF_VENV", os.path.expanduser(
    "~/.cache/awsr-reference/awscli-1.14.28-botocore-1.8.32"))
MODEL_FILES = ["service-2.json", "paginators-1.json", "waiters-2.json"]

# Runs inside the reference virtualenv: aws-cli's main command table.
CLI_NAMES = r"""
import json, os
os.environ["HOME"] = "/nonexistent"
import awscli.clidriver
from awscli.clidriver import ServiceCommand
table = awscli.clidriver.create_clidriver()._get_command_table()
print(json.dumps([[name, cmd.service_model.service_name, bool(getattr(cmd, "_UNDOCUMENTED", False)),
                   cmd.lineage_names[0]]
                  for name, cmd in table.items() if isinstance(cmd, ServiceCommand)]))
"""


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def provenance(service, rows):
    md = [f"# Provenance of the {service} model\n",
          "Written by `cargo run -p codegen -- update`. The model files are taken unchanged from the\n"
          "botocore package; a compressed file (`.gz`) is stored decompressed.\n",
          "| field | value |\n| --- | --- |", "| package | botocore (PyPI) |", f"| version | {VERSION} |",
          f"| obtained with | `pip download botocore=={VERSION} --no-deps` |\n",
          "| file | path inside the package | sha256 |\n| --- | --- | --- |"]
    md += [f"| `{stored}` | `{inside}` | `{hashlib.sha256(data).hexdigest()}` |" for stored, inside, data in rows]
    md.append("\n`tests/tests/provenance.rs` checks these hashes against the files.")
    return ("\n".join(md) + "\n").encode()


def main():
    if len(sys.argv) > 1:
        wheel = sys.argv[1]
    else:
        tmp = tempfile.mkdtemp()
        subprocess.run([sys.executable, "-m", "pip", "download", f"botocore=={VERSION}", "--no-deps",
                        "-q", "-d", tmp], check=True)
        wheel = os.path.join(tmp, os.listdir(tmp)[0])
    z = zipfile.ZipFile(wheel)
    names = set(z.namelist())
    services = {}
    for name in names:
        parts = name.split("/")
        if len(parts) == 5 and parts[:2] == ["botocore", "data"] and parts[4] == "service-2.json":
            services.setdefault(parts[2], []).append(parts[3])
    cli = json.loads(subprocess.run([os.path.join(VENV, "bin", "python"), "-c", CLI_NAMES],
                                    check=True, stdout=subprocess.PIPE).stdout)
    listed = []
    for service in sorted(services):
        version = max(services[service])
        base = f"botocore/data/{service}/{version}/"
        meta = json.loads(z.read(base + "service-2.json"))["metadata"]
        names_ = [n for n, s, hidden, _ in cli if s == service and not hidden]
        hidden = [n for n, s, h, _ in cli if s == service and h]
        entry = {"service": service, "cli_name": names_[0] if names_ else None}
        if names_[1:]:
            entry["cli_aliases"] = names_[1:]
        if hidden:
            entry["hidden_cli_names"] = hidden
        # alias_command copies a command under a new name but keeps its
        # lineage: the copy's pages still name the original (opsworkscm).
        page_names = [p for n, s, h, p in cli if s == service and not h and n == entry["cli_name"]]
        if page_names and page_names[0] != entry["cli_name"]:
            entry["page_name"] = page_names[0]
        entry.update({"api_version": version, "protocol": meta["protocol"]})
        for key, field in [("jsonVersion", "json_version"), ("endpointPrefix", "endpoint_prefix"),
                           ("signingName", "signing_name"), ("targetPrefix", "target_prefix"),
                           ("globalEndpoint", "global_endpoint")]:
            if key in meta:
                entry[field] = meta[key]
        if meta["protocol"] == "json":
            entry["model_dir"] = f"{service}/{version}"
            rows = []
            for f in MODEL_FILES:
                if base + f in names:
                    data = z.read(base + f)
                    write(os.path.join(MODEL, service, version, f), data)
                    rows.append((f"{version}/{f}", base + f, data))
            write(os.path.join(MODEL, service, "PROVENANCE.md"), provenance(service, rows))
        listed.append(entry)
    rows = []
    for f in ["endpoints.json", "_retry.json"]:
        data = z.read("botocore/data/" + f)
        write(os.path.join(MODEL, "botocore", f), data)
        rows.append((f, "botocore/data/" + f, data))
    write(os.path.join(MODEL, "botocore", "PROVENANCE.md"), provenance("botocore", rows))
    doc = {"source": f"botocore {VERSION} (botocore/data/*/<newest api version>/service-2.json metadata); "
                     "cli names from awscli 1.14.28's command table",
           "services": listed}
    write(os.path.join(MODEL, "services.json"), (json.dumps(doc, indent=2) + "\n").encode())
    json_services = [e for e in listed if e["protocol"] == "json"]
    print(f"{len(listed)} services, {len(json_services)} on the json protocol", file=sys.stderr)


if __name__ == "__main__":
    main()

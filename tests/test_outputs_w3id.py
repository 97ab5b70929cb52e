"""The redirects ``docs/w3id/.htaccess`` asks w3id.org to serve, run by a real Apache httpd (Debian's
``apache2-bin``, installed by scripts/test) on 127.0.0.1, as the w3id.org maintainers ask
submitters to test: RDF clients get Turtle (or the syntax they name), browsers the HTML, and every
redirect points to a file ``aikg docs`` or ``aikg build`` writes."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .servers import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
HTACCESS = ROOT / "docs" / "w3id" / ".htaccess"
APACHE = Path("/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")
SITE = "https://aikg.example.org"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module")
def w3id():
    """An Apache httpd serving the .htaccess at /ai-infra-kg/, as w3id.org does; yields a function
    that asks for a path with an Accept header and returns the status and the Location."""
    if not APACHE.is_file():
        raise RuntimeError("Apache httpd is missing: scripts/test installs apache2-bin")
    # Apache drops root for an unprivileged user, who must be able to read the folder: not a
    # pytest tmp_path (private to its owner).
    folder = Path(tempfile.mkdtemp(prefix="aikg-w3id-"))
    try:
        root = folder / "root"
        (root / "ai-infra-kg").mkdir(parents=True)
        shutil.copy(HTACCESS, root / "ai-infra-kg" / ".htaccess")
        for path in (folder, root, root / "ai-infra-kg"):
            path.chmod(0o755)
        (root / "ai-infra-kg" / ".htaccess").chmod(0o644)
        port = free_port()
        user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
        modules = "".join(
            f"LoadModule {name}_module {MODULES}/mod_{name}.so\n"
            for name in ("mpm_event", "authz_core", "rewrite", "headers")
        )
        conf = folder / "httpd.conf"
        conf.write_text(
            f"ServerRoot {folder}\nDefaultRuntimeDir {folder}\nPidFile {folder}/httpd.pid\n"
            f"ErrorLog {folder}/error.log\nListen 127.0.0.1:{port}\nServerName 127.0.0.1\n{user}{modules}"
            f"DocumentRoot {root}\n"
            "<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
            f"<Directory {root}>\n  AllowOverride All\n  Options FollowSymLinks\n  Require all granted\n</Directory>\n",
            encoding="utf-8",
        )
        process = subprocess.Popen(
            [str(APACHE), "-f", str(conf), "-DFOREGROUND"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"apache2 exited: {process.stderr.read().decode()[-2000:]}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("apache2 did not start within 30 s") from None
                    time.sleep(0.1)

            def ask(path: str, accept: str | None) -> tuple[int, str | None, dict]:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                try:
                    conn.request("GET", f"/ai-infra-kg/{path}", headers={"Accept": accept} if accept else {})
                    response = conn.getresponse()
                    response.read()
                    return response.status, response.getheader("Location"), dict(response.getheaders())
                finally:
                    conn.close()

            yield ask
            log = (folder / "error.log").read_text(encoding="utf-8", errors="replace")
            assert "[core:alert]" not in log and ".htaccess:" not in log, log
        finally:
            stop(process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


ONTOLOGY = ["ontology", "ontology/0.2.0"]
CASES = [
    (ONTOLOGY, "text/turtle", 303, "/ontology/ontology.ttl"),
    (ONTOLOGY, "text/turtle, application/rdf+xml;q=0.9, text/html;q=0.1", 303, "/ontology/ontology.ttl"),
    (ONTOLOGY, "application/n-triples", 303, "/ontology/ontology.nt"),
    (ONTOLOGY, "application/ld+json", 303, "/ontology/ontology.jsonld"),
    (ONTOLOGY, BROWSER, 303, "/ontology/"),
    (ONTOLOGY, "*/*", 303, "/ontology/ontology.ttl"),
    (ONTOLOGY, None, 303, "/ontology/ontology.ttl"),
    (["shapes"], BROWSER, 303, "/ontology/shapes.ttl"),
    (["id/actor/openai", "id/relation/F001", "id/source/article"], "text/turtle", 303, "/data/aikg.ttl"),
    (["id/actor/openai"], "application/n-triples", 303, "/data/aikg.nt"),
    (["id/actor/openai", "id/event/restructuring"], BROWSER, 303, "/data/view.html"),
    (["id/actor/openai"], "*/*", 303, "/data/aikg.ttl"),
    ([""], BROWSER, 302, "/"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("paths", "accept", "status", "target"), CASES)
def test_w3id_redirects_by_what_the_client_accepts(w3id, paths, accept, status, target):
    for path in paths:
        got, location, headers = w3id(path, accept)
        assert (got, location) == (status, SITE + target), path
        assert "Accept" in headers.get("Vary", "") and headers.get("Access-Control-Allow-Origin") == "*"


@pytest.mark.slow
def test_every_redirect_names_a_file_the_commands_write(cli, tmp_path):
    from graph.report.ontology_docs import FILES

    docs, build = tmp_path / "ontology", tmp_path / "data"
    assert cli("docs", "--out", docs).code == 0
    assert cli("build", "--out", build, "--layers", "article").code == 0
    targets = {t for _, _, _, t in CASES}
    rules = HTACCESS.read_text(encoding="utf-8")
    for line in rules.splitlines():
        if line.startswith("RewriteRule") and SITE in line:
            targets.add(urlsplit(line.split()[2]).path)
    for target in sorted(targets):
        if target in ("/", "/$1"):
            continue
        path = tmp_path / target.lstrip("/")
        assert path.is_file() or (path / "index.html").is_file(), target
    assert {t.rsplit("/", 1)[-1] for t in targets if t.startswith("/ontology/")} - {""} <= set(FILES)

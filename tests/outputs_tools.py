"""Independent tools the output tests run against aikg's files: Apache Jena and xmllint, both
from Debian (scripts/test installs ``libapache-jena-java``, ``default-jre-headless`` and
``libxml2-utils``).

Debian's Jena 4.5.0 has no wrapper scripts: its classes run with the unversioned jars of
/usr/share/java on the class path, less the logging bridges that conflict with each other.
Its xerces classes were moved to the package ``xerces`` but their message bundles were left
under ``org/apache/jena/ext/xerces``, so every XML error would become a missing-resource error:
the bundles are copied once, at the place the classes look for them, into a folder put first on
the class path (``/work/shared/notes/tooling.md``).
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# SLF4J bindings and bridges that loop into each other when several are on one class path.
_CONFLICTING = re.compile(
    r"^(slf4j-(jcl|jdk14|log4j12|simple|migrator)|log4j-over-slf4j|jcl-over-slf4j|jul-to-slf4j|maven3-slf4j-provider)\.jar$"
)
_VERSIONED = re.compile(r"-[0-9][0-9.]*\.jar$")
_XERCES = "org/apache/jena/ext/xerces/"


@functools.cache
def jena_classpath() -> str:
    """The class path that runs Debian's Jena, with the xerces message bundles put back."""
    if shutil.which("java") is None or not (JAVA_DIR / "jena-core.jar").is_file():
        raise RuntimeError(
            "Apache Jena or Java is missing: scripts/test installs libapache-jena-java and default-jre-headless"
        )
    bundles = Path(tempfile.mkdtemp(prefix="aikg-jena-"))
    atexit.register(shutil.rmtree, bundles, True)
    with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(_XERCES) and name.endswith(".properties"):
                if "/impl/msg/" in name or "/impl/xpath/regex/" in name:
                    target = bundles / "xerces" / name[len(_XERCES) :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
    jars = sorted(
        str(p) for p in JAVA_DIR.glob("*.jar") if not _VERSIONED.search(p.name) and not _CONFLICTING.match(p.name)
    )
    return os.pathsep.join([str(bundles), *jars])


def jena(main_class: str, *args: str | Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run one of Jena's command classes (``riotcmd.riot``, ``shacl.shacl``, ``arq.rset``...)."""
    return subprocess.run(
        ["java", "-cp", jena_classpath(), main_class, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def xmllint_schema(schema: Path, document: Path) -> subprocess.CompletedProcess:
    """``xmllint --noout --schema SCHEMA DOCUMENT``: exit 0 when the document validates."""
    if shutil.which("xmllint") is None:
        raise RuntimeError("xmllint is missing: scripts/test installs libxml2-utils")
    return subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(schema), str(document)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

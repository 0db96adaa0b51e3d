"""MkDocs plugin ``plinth-graphviz``: render every Graphviz source (``*.dot``) to SVG at build time.

``docs/architecture/blueprint.dot`` becomes ``architecture/blueprint.svg`` in the built site,
next to the page that embeds it (``![alt](blueprint.svg)``). The SVG exists only in the build
output: nothing generated is committed, and the page loads no script or asset from a CDN.

Enabled in mkdocs.yml with ``plugins: [techdocs-core, plinth-graphviz]``. It is a named plugin
installed into the portal's mkdocs virtual environment (infra/techdocs/install.sh) rather than an
mkdocs ``hooks:`` file: Backstage's TechDocs generator strips ``hooks`` (arbitrary Python from the
documented repository), while plugins can only be ones the portal operator installed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

# Under the "mkdocs." namespace so that `mkdocs build --strict` counts our warnings.
log = logging.getLogger("mkdocs.plugins.plinth_graphviz")

SOURCE_SUFFIX = ".dot"
# A diagram renders in well under a second; a hung `dot` must not hang the docs build.
DOT_TIMEOUT_SECONDS = 60


class GraphvizPlugin(BasePlugin):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return render_dot_sources(files, config)


def render_dot_sources(files: Files, config: MkDocsConfig) -> Files:
    sources = [f for f in files if f.src_uri.endswith(SOURCE_SUFFIX)]
    if not sources:
        return files

    dot = shutil.which("dot")
    if dot is None:
        raise PluginError(
            "Graphviz 'dot' is not on PATH, and the docs need it to render "
            + ", ".join(f.src_uri for f in sources)
            + ". Run infra/techdocs/install.sh (Debian: apt-get install graphviz)."
        )

    for source in sources:
        svg_uri = source.src_uri[: -len(SOURCE_SUFFIX)] + ".svg"
        svg = _render_svg(dot, source)

        stale = files.get_file_from_path(svg_uri)
        if stale is not None:
            log.warning(
                "%s is generated from %s at build time; delete the copy in docs_dir",
                svg_uri,
                source.src_uri,
            )
            files.remove(stale)
        files.append(File.generated(config, svg_uri, content=svg))
        # The source stays in the repository; readers get the picture.
        files.remove(source)
        log.debug("rendered %s -> %s", source.src_uri, svg_uri)
    return files


def _render_svg(dot: str, source: File) -> bytes:
    try:
        result = subprocess.run(
            [dot, "-Tsvg", source.abs_src_path],
            capture_output=True,
            timeout=DOT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise PluginError(
            f"dot did not finish rendering {source.src_uri} within {DOT_TIMEOUT_SECONDS}s"
        ) from error

    stderr = result.stderr.decode("utf-8", "replace").strip()
    if result.returncode != 0 or not result.stdout:
        raise PluginError(
            f"dot failed to render {source.src_uri} (exit {result.returncode}): {stderr}"
        )
    if stderr:
        # Syntax slips and layout problems surface as warnings; --strict turns them into errors.
        log.warning("dot, rendering %s: %s", source.src_uri, stderr)
    return result.stdout

"""Read a PDF the way a person's viewer would, with poppler's command-line tools."""

import re
import subprocess
import tempfile


def pdf_text(pdf):
    """Return the text poppler extracts from PDF bytes."""
    return _run_on("pdftotext", pdf, "-")


def embedded_fonts(pdf):
    """Return {font name without its subset tag: embedded?} as pdffonts lists them."""
    header, dashes, *rows = _run_on("pdffonts", pdf).splitlines()
    # Columns are as wide as the dashes under the header; a type may hold spaces.
    spans = [match.span() for match in re.finditer(r"-+", dashes)]
    names = [header[start:end].strip() for start, end in spans]
    fonts = {}
    for row in rows:
        cells = dict(
            zip(names, (row[start:end].strip() for start, end in spans), strict=True)
        )
        fonts[cells["name"].split("+", 1)[-1]] = cells["emb"] == "yes"
    return fonts


def _run_on(tool, pdf, *extra):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            [tool, file.name, *extra], check=True, capture_output=True, text=True
        ).stdout

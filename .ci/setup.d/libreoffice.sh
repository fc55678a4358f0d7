# LibreOffice (headless Writer and Calc) for reading .doc, .wps, .ods and .et files
# (extractor/read/office.py) and for tests/test_office.py. Sourced by .ci/run.
if ! command -v soffice >/dev/null 2>&1 || [ ! -e /usr/lib/libreoffice/program/libsclo.so ] || [ ! -e /usr/lib/libreoffice/program/libswlo.so ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null
fi

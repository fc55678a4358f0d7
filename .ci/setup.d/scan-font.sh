# A CJK Song font for fixtures/make_scans.py (tests/test_ocr.py renders the committed PDFs, whose
# STSong-Light font is not embedded, into scans). Sourced by .ci/run.
if [ ! -e /usr/share/fonts/truetype/arphic/uming.ttc ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-arphic-uming >/dev/null
fi

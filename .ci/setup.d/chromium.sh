# Headless Chromium (and a CJK font) for the review page's browser tests (tests/test_review.py).
# Sourced by .ci/run; the tests launch /usr/bin/chromium through playwright.
if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-wqy-microhei >/dev/null
fi

#!/bin/sh
# Install the Debian packages named on the command line that are missing:
# with apt-get as root or through passwordless sudo; otherwise print the
# exact command to run and fail.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	run="sudo"
else
	echo "tiku needs these Debian packages:$missing" >&2
	echo "Install them, then run make again:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
$run apt-get update -qq >&2 || exit 1
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq$missing >&2

#!/bin/sh
# Starts Chromium ($VITALENTUM_CHROMIUM) without the capability to raise its threads' priority, as a browser or VS Code
# run by a user (not root) starts: see launchBrowser in workbench.mjs.
exec setpriv --inh-caps=-sys_nice --bounding-set=-sys_nice "$VITALENTUM_CHROMIUM" "$@"

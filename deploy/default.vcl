vcl 4.1;
# The entry file for a Debian install: copy it with varnish.vcl to /etc/varnish/ (Debian's
# varnish.service loads /etc/varnish/default.vcl). It names the app's address; the policy
# is in varnish.vcl. `make serve` and the tests write their own entry file like this one.

backend app {
    .host = "127.0.0.1";
    .port = "8001";
}

include "./varnish.vcl";

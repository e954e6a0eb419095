vcl 4.1;
# The HTTP cache in front of the site: Debian's `varnish` (7.1) and `varnish-modules` (xkey).
#
# This file is the policy and declares no backend: an entry file declares the app's address
# and includes it (deploy/default.vcl for a Debian install; `make serve` and the tests write
# their own), so that one policy serves every deployment.
#
# The app's side of the contract:
# - A page anyone may share says so: `Cache-Control: public, max-age=0, s-maxage=<seconds>`
#   and names what it shows in `xkey: <space-separated surrogate keys>`. Anything else (no
#   Cache-Control, no s-maxage, `private`, `no-cache`, `no-store`, a Set-Cookie) is not stored.
# - After a commit the app sends `PURGE` with `xkey-purge: <keys>` (soft: the old copy is
#   served for a short grace while one request fetches the new one) or `xkey-purge-hard:
#   <keys>` (gone at once: withdrawals, unpublishing), from an address in `purgers`.
# - Editors and journalists carry the session cookie; their requests, the admin, previews and
#   the press room are never stored.

import std;
import xkey;

# Who may purge. If a proxy on this host (TLS termination) forwards visitors' requests here,
# every visitor comes from 127.0.0.1: refuse PURGE at that proxy, or use the PROXY protocol
# (`-a ...,PROXY`) so that client.ip is the visitor's address.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purge refused"));
        }
        if (!req.http.xkey-purge && !req.http.xkey-purge-hard) {
            return (synth(400, "Name the keys in xkey-purge or xkey-purge-hard"));
        }
        set req.http.x-purged = 0;
        if (req.http.xkey-purge-hard) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge-hard);
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = std.integer(req.http.x-purged, 0)
                + xkey.softpurge(req.http.xkey-purge);
        }
        return (synth(200, "Purged"));
    }
    unset req.http.x-cache-stale;
    if (req.restarts == 0) {
        unset req.http.x-app-failed;
        unset req.http.x-stored;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # Static files (hashed names) and uploads are the same for everyone and are addressed by
    # their path alone: no cookie and no query string reaches them or splits them.
    if (req.url ~ "^/(static|media)/") {
        unset req.http.Cookie;
        set req.url = regsub(req.url, "\?.*$", "");
        set req.http.x-stored = "1";
        return (hash);
    }

    # Editors: the admin, previews, the journalists' press room (releases under embargo), and
    # anyone with a session (Django's `sessionid`; the CSRF cookie alone names nobody).
    # Passed with their cookies and headers untouched.
    if (req.url ~ "^/([a-z]{2}/)?(admin|press-releases/preview|preview|press-room)(/|$)"
        || req.http.Cookie ~ "(^|;)\s*sessionid="
        || req.http.Authorization) {
        return (pass);
    }

    # Public pages do not depend on cookies (a response that sets one is not stored).
    unset req.http.Cookie;
    set req.http.Host = std.tolower(req.http.Host);

    # Each language has its own addresses (/ru/...): Accept-Language chooses nothing, and
    # must not split the cache (Django's LocaleMiddleware still names it in Vary).
    unset req.http.Accept-Language;

    # Only the parameters the public pages read (press.filters.ReleaseFilters.PARAMS, `page`
    # of the lists, `p` of the paginated sitemaps) reach the app: tracking parameters and
    # junk neither split the cache nor fill it. Empty values (an unfilled form field) go too.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "(?<=[?&])(?!(?:field|meeting|country|source|tag|year|language|q|page|p)=[^&])[^&]*(?:&|$)",
            "");
        set req.url = regsub(req.url, "[?&]+$", "");
        # The app reads the last of repeated parameters: sorting would change which one,
        # so such (hand-made) addresses are passed as they are rather than sorted.
        set req.http.x-sorted-url = std.querysort(req.url);
        if (req.http.x-sorted-url ~ "[?&]([^=&]+)=[^&]*&\1=") {
            unset req.http.x-sorted-url;
            return (pass);
        }
        set req.url = req.http.x-sorted-url;
        unset req.http.x-sorted-url;
    }

    # A stale copy is served for 10 s while one request fetches the new one (soft purges,
    # expiry); for up to the object's whole grace (6 h) when the app fails (see vcl_synth).
    set req.grace = 10s;
    if (req.http.x-app-failed) {
        set req.grace = 6h;
    }
    set req.http.x-stored = "1";
    return (hash);
}

sub vcl_backend_fetch {
    unset bereq.http.x-stored;
    # x-app-failed stays: on the second try an error is shown rather than abandoned.
}

sub vcl_hash {
    # Pages hold absolute links (canonical, Open Graph): http and https copies differ.
    hash_data(req.http.X-Forwarded-Proto);
    # The builtin vcl_hash follows: the URL and the Host.
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.x-cache-stale = "1";
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);  # a pass: the app's response as it is
    }
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch || !bereq.http.x-app-failed) {
            # Abandoned, the stale copy stays (a delivered answer would supersede it): the
            # request is tried again in vcl_synth, accepting an older copy.
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (bereq.url ~ "^/(static|media)/" && beresp.status == 200) {
        unset beresp.http.Set-Cookie;
        if (!beresp.http.Cache-Control) {
            # Uploads get a new name when replaced (Django never overwrites a file).
            set beresp.ttl = 1d;
        }
    } else if (beresp.http.Set-Cookie
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(?i)s-maxage="
        || beresp.http.Vary == "*"
        || (beresp.status != 200 && beresp.status != 301
            && beresp.status != 404 && beresp.status != 410)
        || beresp.ttl <= 0s) {
        # Only what the app marks as shared is stored. Hit-for-miss: the next requests go
        # straight to the app (no waiting for each other) until a cacheable answer comes.
        set beresp.ttl = 60s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # beresp.ttl is the app's s-maxage (Varnish reads it before max-age).
    set beresp.grace = 6h;
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type
        ~ "^(text/|application/(xml|rss\+xml|atom\+xml|json|javascript)|image/svg\+xml)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys are for this cache only; s-maxage too: a shared cache further on (a company
    # proxy) hears no purges and must not keep pages.
    unset resp.http.xkey;
    if (resp.http.Cache-Control ~ "(?i)s-maxage") {
        set resp.http.Cache-Control = regsub(regsuball(resp.http.Cache-Control,
            "(?i)\s*,?\s*s-maxage=\d+", ""), "^\s*,\s*", "");
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } else if (obj.hits > 0 && req.http.x-cache-stale) {
        set resp.http.X-Cache = "HIT-STALE";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_backend_error {
    if (!bereq.is_bgfetch && !bereq.http.x-app-failed) {
        return (abandon);  # the app is down or timed out: as an error answer, above
    }
}

sub vcl_synth {
    # The app failed (an error answer, or down, or too slow): look again, once, accepting a
    # copy that went stale up to 6 h ago, rather than show visitors an error. (A page never
    # stored is asked for twice, and the app's error page shown.)
    if (resp.status == 503 && req.http.x-stored && !req.http.x-app-failed) {
        set req.http.x-app-failed = "1";
        return (restart);
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.http.xkey-purged = req.http.x-purged;
        synthetic(resp.reason + ": " + req.http.x-purged + " objects" + {"
"});
        return (deliver);
    }
}

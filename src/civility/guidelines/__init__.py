"""The publisher's guidelines on this site: the policy in force, its per-site
thresholds (editors change them), the site's engine built from both, and the
public guidelines page that shows readers exactly what is enforced."""

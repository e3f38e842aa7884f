"""Pages and endpoints that show what every Recap app holds: site search,
the API and the sitemap. The top app: it may import any app below."""

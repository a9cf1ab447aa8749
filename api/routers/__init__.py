"""One router per resource: lookup API, SPARQL endpoint, resource IRIs, web pages."""

// A self-signed certificate for 127.0.0.1 and localhost (valid for 100 years), so tests can serve HTTPS and check
// that certificate verification follows strictSSL. It protects nothing.
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgonYmsejdK6P9Rq0G
VwcvqYPUZ1h1jViScMvmeE3j0t2hRANCAASACQ/KUmjty6mz4hAUfA7V/FqpTQdM
rv/VZhs8sKKy6Gpe8EDftENaK433WPnBQkK7eskllkR7q8Or0RA3q5q+
-----END PRIVATE KEY-----\n`;

export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUHjPfqU8vhWt6/aEvSyegkof2s+wwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNDE2MDIzMFoYDzIxMjYxMDMx
MTYwMjMwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASACQ/KUmjty6mz4hAUfA7V/FqpTQdMrv/VZhs8sKKy6Gpe8EDftENa
K433WPnBQkK7eskllkR7q8Or0RA3q5q+o28wbTAdBgNVHQ4EFgQUt20PIXvrk1sQ
pwcU80Y9kUIEKvAwHwYDVR0jBBgwFoAUt20PIXvrk1sQpwcU80Y9kUIEKvAwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDSAAwRQIhAO/Kn7VP2eV8cpv5yy2mj+KgAFvatEjdftZBJq25HxfZAiA8
RMP23v/+jxQjvInUZA+QCDPN5BNPQTc4Gml9mtdGnQ==
-----END CERTIFICATE-----\n`;

# syntax=docker/dockerfile:1
# The service as a container: docker build -t compliance .   With PostgreSQL: docker compose up (compose.yaml).
# Runs as a non-root user on a read-only root filesystem: it writes only to /tmp (a tmpfs) and,
# with the development key ring, to the key volume. docs/deployment.md has the run-time contract.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore from the project files alone, so a code change reuses the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Compliance.Api/Compliance.Api.csproj src/Compliance.Api/
COPY src/Rules/Compliance.Rules.csproj src/Rules/
COPY src/Crypto/Compliance.Crypto.csproj src/Crypto/BannedSymbols.Crypto.txt src/Crypto/
RUN dotnet restore src/Compliance.Api/Compliance.Api.csproj
COPY src/ src/
COPY rules/ rules/
RUN dotnet publish src/Compliance.Api/Compliance.Api.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# The image's own non-root user (APP_UID 1654) owns nothing but the key directory; the binaries
# and rules stay root-owned and read-only to it.
RUN mkdir -p /var/lib/compliance/keys && chown "$APP_UID:$APP_UID" /var/lib/compliance/keys && chmod 700 /var/lib/compliance/keys
WORKDIR /app
COPY --from=build /app ./
ENV Urls=http://0.0.0.0:8080 \
    Database__StartLocalWhenUnconfigured=false \
    Vault__KeyDirectory=/var/lib/compliance/keys \
    ASPNETCORE_ENVIRONMENT=Production
USER $APP_UID
EXPOSE 8080
VOLUME ["/var/lib/compliance/keys"]
ENTRYPOINT ["dotnet", "/app/Compliance.Api.dll"]
CMD ["serve"]

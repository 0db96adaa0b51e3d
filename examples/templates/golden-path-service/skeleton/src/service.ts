/** The catalog name of this service: every log line and the health answer carry it. */
export const SERVICE_NAME = '${{ values.name }}';

/** Whether this service serves the HTTP API described in openapi/openapi.yaml. */
export const EXPOSES_HTTP_API = ${{ 'true' if values.exposesHttpApi else 'false' }};

/** The catalog name of this consumer: every log line carries it. */
export const SERVICE_NAME = '${{ values.name }}';

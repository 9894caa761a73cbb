{{/* The name of a service's objects: <release>-<service>. */}}
{{- define "kopilka.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a service's pods. */}}
{{- define "kopilka.selector" -}}
app.kubernetes.io/name: {{ .service }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Labels of every object of a service. */}}
{{- define "kopilka.labels" -}}
{{ include "kopilka.selector" . }}
app.kubernetes.io/part-of: kopilka
app.kubernetes.io/version: {{ .root.Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* A service's settings: the defaults, overridden by the service's own values. */}}
{{- define "kopilka.settings" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) .values) -}}
{{- end -}}

{{/* The CloudNativePG cluster's name. */}}
{{- define "kopilka.dbCluster" -}}
{{- printf "%s-db" .Release.Name -}}
{{- end -}}

{{/* The database host the services connect to. */}}
{{- define "kopilka.dbHost" -}}
{{- if .Values.database.cloudnativePg.enabled -}}
{{- printf "%s-rw" (include "kopilka.dbCluster" .) -}}
{{- else -}}
{{- .Values.database.host -}}
{{- end -}}
{{- end -}}

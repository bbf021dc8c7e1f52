{{/*
Named helpers shared by every component folder. A "component" is one of: scheduler, streamer, tracker,
burner-agent, player-agent, redis, mongodb.
*/}}

{{/* Chart name, overridable. */}}
{{- define "mediafleet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped name prefix: <release>-<chart>, or just <release> when it already contains the chart name. */}}
{{- define "mediafleet.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's resources. Call with (dict "root" $ "component" "scheduler"). */}}
{{- define "mediafleet.componentName" -}}
{{- printf "%s-%s" (include "mediafleet.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on everything of one component. Call with (dict "root" $ "component" "scheduler"). */}}
{{- define "mediafleet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mediafleet.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: mediafleet
{{- end -}}

{{/* Labels that select one component's pods. */}}
{{- define "mediafleet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mediafleet.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image of one service module. Call with (dict "root" $ "module" "scheduler-service"). */}}
{{- define "mediafleet.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s%s/%s:%s" $image.registry $image.repositoryPrefix .module (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* Secret holding jwt-secret and admin-token. */}}
{{- define "mediafleet.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "mediafleet.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Secret holding the external Redis URL / MongoDB URI given as plain values. */}}
{{- define "mediafleet.externalSecretName" -}}
{{- printf "%s-external" (include "mediafleet.fullname" .) -}}
{{- end -}}

{{/* SPRING_DATA_REDIS_URL: the bundled StatefulSet's Service, or the external URL (always from a Secret). */}}
{{- define "mediafleet.redisEnv" -}}
- name: SPRING_DATA_REDIS_URL
{{- if .Values.redis.enabled }}
  value: {{ printf "redis://%s:6379" (include "mediafleet.componentName" (dict "root" . "component" "redis")) | quote }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ default (include "mediafleet.externalSecretName" .) .Values.redis.external.existingSecret }}
      key: {{ ternary .Values.redis.external.existingSecretKey "redis-url" (ne .Values.redis.external.existingSecret "") }}
{{- end }}
{{- end -}}

{{/* SPRING_MONGODB_URI: the bundled StatefulSet's Service, or the external URI (always from a Secret). */}}
{{- define "mediafleet.mongodbEnv" -}}
- name: SPRING_MONGODB_URI
{{- if .Values.mongodb.enabled }}
  value: {{ printf "mongodb://%s:27017/%s" (include "mediafleet.componentName" (dict "root" . "component" "mongodb")) .Values.mongodb.database | quote }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ default (include "mediafleet.externalSecretName" .) .Values.mongodb.external.existingSecret }}
      key: {{ ternary .Values.mongodb.external.existingSecretKey "mongodb-uri" (ne .Values.mongodb.external.existingSecret "") }}
{{- end }}
{{- end -}}

{{/* ConfigMap data common to every service. Call with (dict "root" $ "values" .Values.x "port" 8080). */}}
{{- define "mediafleet.commonConfig" -}}
SERVER_PORT: {{ .port | quote }}
JAVA_TOOL_OPTIONS: {{ .root.Values.javaToolOptions | quote }}
SPRING_MAIN_BANNERMODE: "off"
{{- range $name, $value := .values.env }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Pod annotations that roll the pods when their ConfigMap or the shared Secret changes. */}}
{{- define "mediafleet.checksums" -}}
checksum/config: {{ include (print .root.Template.BasePath "/" .component "/configmap.yaml") .root | sha256sum }}
checksum/secret: {{ include (print .root.Template.BasePath "/secrets/secret.yaml") .root | sha256sum }}
{{- end -}}

{{/* Probes on the actuator's liveness and readiness groups, through the container port named "http". */}}
{{- define "mediafleet.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/* Pod scheduling knobs of one component's values. */}}
{{- define "mediafleet.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by the service pods. */}}
{{- define "mediafleet.podCommon" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
# Longer than the services' 20 s graceful shutdown phase.
terminationGracePeriodSeconds: 30
{{- end -}}

{{/* A PodDisruptionBudget for one component. Call with (dict "root" $ "component" "x" "values" .Values.x). */}}
{{- define "mediafleet.pdb" -}}
{{- if .values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "mediafleet.componentName" . }}
  labels:
    {{- include "mediafleet.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "mediafleet.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* In-cluster base URL of one component's HTTP port. Call with (dict "root" $ "component" "tracker" "port" 8082). */}}
{{- define "mediafleet.httpUrl" -}}
{{- printf "http://%s:%v" (include "mediafleet.componentName" (dict "root" .root "component" .component)) .port -}}
{{- end -}}

{{/* The tracker admin API the console reads: scheduler.console.trackerUrl, else this release's tracker. */}}
{{- define "mediafleet.consoleTrackerUrl" -}}
{{- .Values.scheduler.console.trackerUrl | default (include "mediafleet.httpUrl" (dict "root" . "component" "tracker" "port" .Values.tracker.service.httpPort)) -}}
{{- end -}}

{{/* The console's listen URL: scheduler.console.listenUrlTemplate, else the Ingress's streamer path, else empty. */}}
{{- define "mediafleet.consoleListenUrlTemplate" -}}
{{- if .Values.scheduler.console.listenUrlTemplate -}}
{{- .Values.scheduler.console.listenUrlTemplate -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s%s/{radio_uuid}" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host (trimSuffix "/" .Values.ingress.paths.streamer) -}}
{{- end -}}
{{- end -}}

{{/* The services whose health the console shows, as YAML name: URL: this release's, then scheduler.console.services. */}}
{{- define "mediafleet.consoleServices" -}}
{{- $services := dict "streamer" (include "mediafleet.httpUrl" (dict "root" . "component" "streamer" "port" .Values.streamer.service.httpPort)) "tracker" (include "mediafleet.httpUrl" (dict "root" . "component" "tracker" "port" .Values.tracker.service.httpPort)) -}}
{{- if .Values.burnerAgent.enabled -}}
{{- $_ := set $services "burner" (include "mediafleet.httpUrl" (dict "root" . "component" "burner-agent" "port" .Values.burnerAgent.httpPort)) -}}
{{- end -}}
{{- if .Values.playerAgent.enabled -}}
{{- $_ := set $services "player" (include "mediafleet.httpUrl" (dict "root" . "component" "player-agent" "port" .Values.playerAgent.httpPort)) -}}
{{- end -}}
{{- toYaml (merge (deepCopy .Values.scheduler.console.services) $services) -}}
{{- end -}}

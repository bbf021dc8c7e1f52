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

{{/* Secret holding every credential of the release (see mediafleet.secretSpecs). */}}
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

{{/*
Every credential the chart's Secret holds, as a YAML list of {key, value, length}: value is the one given in values
(empty: generate), length the length of a generated one. Only the entries this release uses are listed. Add a new
credential here (and its value in values.yaml); templates read it with secretKeyRef on mediafleet.secretName.
*/}}
{{- define "mediafleet.secretSpecs" -}}
- key: jwt-secret
  value: {{ .Values.secrets.jwtSecret | quote }}
  length: 48
- key: admin-token
  value: {{ .Values.secrets.adminToken | quote }}
  length: 40
- key: tsp-token
  value: {{ .Values.secrets.tspToken | quote }}
  length: 40
{{- if .Values.redis.enabled }}
- key: redis-password
  value: {{ .Values.redis.auth.password | quote }}
  length: 32
{{- end }}
{{- if .Values.mongodb.enabled }}
- key: mongodb-root-password
  value: {{ .Values.mongodb.auth.rootPassword | quote }}
  length: 32
{{- end }}
{{- end -}}

{{/*
The chart's Secret data as YAML key: plain value, the same in every template of one render (memoized on the root
context): a value given in values, else the one the Secret in the cluster holds (lookup), else, on install, a random
one. An upgrade that finds no Secret fails rather than generate new credentials: the stores' volumes and the agents'
tokens keep the old ones. A key added by a newer chart is generated on upgrade too (the Secret exists). With
secrets.existingSecret nothing is generated: the data is what that Secret holds (for the pods' checksum).
*/}}
{{- define "mediafleet.secretData" -}}
{{- if not (hasKey . "mediafleetSecretData") -}}
{{- $name := include "mediafleet.secretName" . -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace $name -}}
{{- $stored := (get (default (dict) $existing) "data") | default (dict) -}}
{{- $data := dict -}}
{{- $missing := list -}}
{{- $generate := not .Values.secrets.existingSecret -}}
{{- range (include "mediafleet.secretSpecs" . | fromYamlArray) -}}
{{- if and .value $generate -}}
{{- $_ := set $data .key .value -}}
{{- else if hasKey $stored .key -}}
{{- $_ := set $data .key (get $stored .key | b64dec) -}}
{{- else if $generate -}}
{{- $_ := set $data .key (randAlphaNum (int .length)) -}}
{{- $missing = append $missing .key -}}
{{- end -}}
{{- end -}}
{{- if and $missing .Release.IsUpgrade (not $existing) -}}
{{- fail (printf "helm upgrade would replace the release's credentials (%s): the Secret %s is not in namespace %s, or this is a client-side dry run, which cannot read it. Restore the Secret, or give the current values (secrets.*, redis.auth.password, mongodb.auth.rootPassword) or secrets.existingSecret; dry-run with --dry-run=server." (join ", " $missing) $name .Release.Namespace) -}}
{{- end -}}
{{- $_ := set . "mediafleetSecretData" $data -}}
{{- end -}}
{{- toYaml (get . "mediafleetSecretData") -}}
{{- end -}}

{{/* Fails when secrets.existingSecret exists in the cluster (lookup) but lacks a key this release needs. */}}
{{- define "mediafleet.checkExistingSecret" -}}
{{- with .Values.secrets.existingSecret -}}
{{- $existing := lookup "v1" "Secret" $.Release.Namespace . -}}
{{- if $existing -}}
{{- $stored := get $existing "data" | default (dict) -}}
{{- range (include "mediafleet.secretSpecs" $ | fromYamlArray) -}}
{{- if not (hasKey $stored .key) -}}
{{- fail (printf "secrets.existingSecret %s has no key %s, which this release needs" $.Values.secrets.existingSecret .key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A secretKeyRef on the release's credentials Secret. Call with (dict "root" $ "key" "redis-password"). */}}
{{- define "mediafleet.secretRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ include "mediafleet.secretName" .root }}
    key: {{ .key }}
{{- end -}}

{{/*
SPRING_DATA_REDIS_URL: the bundled StatefulSet's Service with its password (Kubernetes expands $(REDIS_PASSWORD) from
the variable before it), or the external URL (always from a Secret), with TLS settings.
*/}}
{{- define "mediafleet.redisEnv" -}}
{{- if .Values.redis.enabled }}
- name: REDIS_PASSWORD
  {{- include "mediafleet.secretRef" (dict "root" . "key" "redis-password") | nindent 2 }}
- name: SPRING_DATA_REDIS_URL
  value: {{ printf "redis://default:$(REDIS_PASSWORD)@%s:6379" (include "mediafleet.componentName" (dict "root" . "component" "redis")) | quote }}
{{- else }}
- name: SPRING_DATA_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ default (include "mediafleet.externalSecretName" .) .Values.redis.external.existingSecret }}
      key: {{ ternary .Values.redis.external.existingSecretKey "redis-url" (ne .Values.redis.external.existingSecret "") }}
{{- with .Values.redis.external.tls }}
{{- if .enabled }}
- name: SPRING_DATA_REDIS_SSL_ENABLED
  value: "true"
{{- end }}
{{- if .caSecret }}
- name: SPRING_SSL_BUNDLE_PEM_REDIS_TRUSTSTORE_CERTIFICATE
  value: file:/etc/mediafleet/tls/redis/ca.crt
- name: SPRING_DATA_REDIS_SSL_BUNDLE
  value: redis
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
SPRING_MONGODB_URI: the bundled StatefulSet's Service as its root user, or the external URI (always from a Secret),
with TLS settings.
*/}}
{{- define "mediafleet.mongodbEnv" -}}
{{- if .Values.mongodb.enabled }}
- name: MONGODB_ROOT_PASSWORD
  {{- include "mediafleet.secretRef" (dict "root" . "key" "mongodb-root-password") | nindent 2 }}
- name: SPRING_MONGODB_URI
  value: {{ printf "mongodb://%s:$(MONGODB_ROOT_PASSWORD)@%s:27017/%s?authSource=admin" .Values.mongodb.auth.rootUser (include "mediafleet.componentName" (dict "root" . "component" "mongodb")) .Values.mongodb.database | quote }}
{{- else }}
- name: SPRING_MONGODB_URI
  valueFrom:
    secretKeyRef:
      name: {{ default (include "mediafleet.externalSecretName" .) .Values.mongodb.external.existingSecret }}
      key: {{ ternary .Values.mongodb.external.existingSecretKey "mongodb-uri" (ne .Values.mongodb.external.existingSecret "") }}
{{- with .Values.mongodb.external.tls }}
{{- if .enabled }}
- name: SPRING_MONGODB_SSL_ENABLED
  value: "true"
{{- end }}
{{- if .caSecret }}
- name: SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE
  value: file:/etc/mediafleet/tls/mongodb/ca.crt
- name: SPRING_MONGODB_SSL_BUNDLE
  value: mongodb
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Volumes every service pod needs with a read-only root filesystem (/tmp for the JVM and Tomcat, /data the home of the
image's user), plus the external stores' CA certificates. Call with (dict "root" $ "redis" true "mongodb" true): which
stores this service uses. mediafleet.writableMounts mounts them.
*/}}
{{- define "mediafleet.writableVolumes" -}}
- name: tmp
  emptyDir: {}
- name: data
  emptyDir: {}
{{- if and .redis (not .root.Values.redis.enabled) .root.Values.redis.external.tls.caSecret }}
- name: redis-ca
  secret:
    secretName: {{ .root.Values.redis.external.tls.caSecret }}
{{- end }}
{{- if and .mongodb (not .root.Values.mongodb.enabled) .root.Values.mongodb.external.tls.caSecret }}
- name: mongodb-ca
  secret:
    secretName: {{ .root.Values.mongodb.external.tls.caSecret }}
{{- end }}
{{- end -}}

{{- define "mediafleet.writableMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /data
{{- if and .redis (not .root.Values.redis.enabled) .root.Values.redis.external.tls.caSecret }}
- name: redis-ca
  mountPath: /etc/mediafleet/tls/redis
  readOnly: true
{{- end }}
{{- if and .mongodb (not .root.Values.mongodb.enabled) .root.Values.mongodb.external.tls.caSecret }}
- name: mongodb-ca
  mountPath: /etc/mediafleet/tls/mongodb
  readOnly: true
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
checksum/secret: {{ print (include "mediafleet.secretData" .root) .root.Values.redis.external.url .root.Values.mongodb.external.uri | sha256sum }}
{{- end -}}

{{/* Probes on the actuator's liveness and readiness groups, through the container port named "http". */}}
{{- define "mediafleet.probes" -}}
{{- include "mediafleet.probesOn" (dict "readinessPath" "/actuator/health/readiness") -}}
{{- end -}}

{{/* The same probes, readiness on readinessPath. Call with (dict "readinessPath" "/actuator/health/liveness"). */}}
{{- define "mediafleet.probesOn" -}}
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
    path: {{ .readinessPath }}
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
# No service talks to the Kubernetes API (the scheduler's leader labeler gets a token of its own).
automountServiceAccountToken: false
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


{{/* Labels selecting the pods that take the scheduler's traffic: with leader election only the labelled leader. */}}
{{- define "mediafleet.schedulerTrafficSelector" -}}
{{ include "mediafleet.selectorLabels" (dict "root" . "component" "scheduler") }}
{{- if .Values.scheduler.leaderElection.enabled }}
mediafleet.io/scheduler-role: leader
{{- end }}
{{- end -}}

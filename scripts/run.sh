#!/usr/bin/env bash
# Start gunicorn and the huey worker together; Ctrl-C stops both.
set -u
PORT=${PORT:-8000}
PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-wuye.settings}
"$PY" manage.py run_huey --quiet &
worker=$!
"$(dirname "$PY")/gunicorn" wuye.wsgi:application --bind "127.0.0.1:$PORT" --workers "${WEB_CONCURRENCY:-2}" \
  --timeout 120 --access-logfile - --log-level warning &
web=$!
trap 'kill $web $worker 2>/dev/null; wait; echo; echo "Wuye stopped."; exit 0' INT TERM
cat <<MSG

  Wuye 物业服务中心管理系统 is running:  http://127.0.0.1:$PORT
  API docs: http://127.0.0.1:$PORT/api/docs/

  Demo logins (password for all: $(cat var/demo-password 2>/dev/null || echo "printed by seed_demo")):
    company_admin   公司管理员 (every service center)     hq_viewer   总部查看 (read-only)
    mgr_a  ast_a  fin_a  qc_a  css_a  csr_a  dsp_a  csh_a  tech_a  sec_a  cln_a   阳光花园
    mgr_b  ast_b  fin_b  qc_b  css_b  csr_b  dsp_b  csh_b  tech_b  sec_b  cln_b   翠湖苑
    csr_c  csh_c  tech_c  sec_c  cln_c                                      金桂苑
    (mgr_a also manages 金桂苑: switch in the header)

  Press Ctrl-C to stop the web server and the worker.
MSG
# Stop both when either ends (polling: `wait -n` needs bash 4.3, macOS ships 3.2).
while kill -0 "$web" 2>/dev/null && kill -0 "$worker" 2>/dev/null; do sleep 1; done
kill $web $worker 2>/dev/null
wait

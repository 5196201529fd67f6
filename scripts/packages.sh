# Sourced by the other scripts: ensure_packages PURPOSE PACKAGE... installs the Debian packages that are missing
# (with sudo when not root), checking each by the program it provides.

package_present() {
    case "$1" in
        redis-server) command -v redis-server >/dev/null 2>&1 ;;
        openssh-server) [ -x /usr/sbin/sshd ] ;;
        apache2-utils) command -v htpasswd >/dev/null 2>&1 ;;
        pebble) command -v pebble >/dev/null 2>&1 ;;
        postgresql) compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ;;
        chromium) [ -x /usr/bin/chromium ] ;;
        chromium-driver) [ -x /usr/bin/chromedriver ] ;;
        lego) command -v lego >/dev/null 2>&1 ;;
        certbot) command -v certbot >/dev/null 2>&1 ;;
        nodejs) command -v node >/dev/null 2>&1 ;;
        npm) command -v npm >/dev/null 2>&1 ;;
        *) dpkg -s "$1" >/dev/null 2>&1 ;;
    esac
}

ensure_packages() {
    local purpose="$1"
    shift
    local missing=()
    for package in "$@"; do
        package_present "$package" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]} for $purpose"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

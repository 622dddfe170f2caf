from gzbg.cli import main

main()
